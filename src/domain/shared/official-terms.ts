/**
 * The official Chinese terms of the enumerations in src/domain, as registers, inspection reports
 * and departments' spreadsheets write them. They are facts of the domain, not only display text:
 * an import reads them back (src/domain/import/spellings.ts), and the Chinese interface shows them
 * as they are (src/i18n/labels.ts).
 */
export const OFFICIAL_TERMS = {
  legalForm: { for_profit: '营利性', non_profit: '非营利性' },
  entryPath: { licence: '行政许可', filing: '登记备案', registration: '登记' },
  operating: { operating: '正常经营', suspended: '停业', closed: '已注销/关闭' },
  delivery: { offline: '线下', online: '线上', both: '线上和线下' },
  listStatus: { white: '白名单', black: '黑名单', none: '未列入名单' },
  list: { white: '白名单', black: '黑名单' },
  licenceState: {
    valid: '有效',
    expiring: '90天内到期',
    expired: '已过期',
    revoked: '已吊销',
    not_yet_valid: '尚未生效',
    none: '无许可证',
  },
  inspectionKind: { regular: '定期检查', double_random: '“双随机”检查', special: '专项检查' },
  inspectionItem: {
    premises_safety: '场所安全',
    programmes: '培训项目内容',
    staff_qualifications: '人员资质',
    promised_service: '承诺的服务质量',
  },
  inspectionResult: { pass: '合格', rectify: '责令整改', fail: '不合格' },
  custodyKind: { bank_custody: '银行存管', risk_deposit: '风险保证金', none: '无' },
  severity: { info: '提示', caution: '警示', severe: '严重警示' },
  proposalStatus: { pending: '等待审核', approved: '已批准生效', rejected: '已退回' },
} as const;
