/**
 * Demo inspector pools (执法检查人员库) for double-random draws (双随机, plan section 五(三)): five fictional
 * inspectors for each sector department and for the bodies that inspect every premises in the
 * demo (区市场监管局, 区消防救援支队, 区商务委), with badge numbers of the form JY-0001. Written
 * with the demo staff accounts (db/seed/staff.ts), never into a production database, whose pools
 * come from the departments. A badge number that exists already is left as it is.
 */
import type { Db } from '../client';
import { inspectors } from '../schema';
import type { DepartmentCode } from '../../src/domain/shared/reference';

/** Badge prefix and names per department; the names are made up (the demo banner says so). */
const POOLS: Partial<Record<DepartmentCode, { prefix: string; names: readonly string[] }>> = {
  edu: { prefix: 'JY', names: ['孙丽华', '钱志刚', '周慧敏', '郑晓东', '冯雪梅'] },
  hrss: { prefix: 'RS', names: ['陈建国', '褚文静', '卫海涛', '蒋玉兰', '沈国平'] },
  civil: { prefix: 'MZ', names: ['韩秀英', '杨振华', '朱美玲', '秦卫东', '尤佳琪'] },
  culture: { prefix: 'WL', names: ['许艺文', '何春燕', '吕鸿飞', '施雅琴', '张晓峰'] },
  sports: { prefix: 'TY', names: ['孔德明', '曹丽君', '严志远', '华新民', '金晓燕'] },
  sci: { prefix: 'KW', names: ['魏振宇', '陶静怡', '姜立新', '戚文博', '谢敏'] },
  health: { prefix: 'WJ', names: ['邹红梅', '喻建华', '柏晓玲', '陆立军', '窦玉芳'] },
  market: { prefix: 'SJ', names: ['章海波', '罗丽娟', '苏伟民', '潘晓红', '葛志强', '范佩华'] },
  commerce: { prefix: 'SW', names: ['彭建平', '鲁晓慧', '韦国栋', '唐文娟', '马永康'] },
  fire: { prefix: 'XF', names: ['顾建军', '邵立强', '汪志刚', '方海龙', '俞振东', '任小勇'] },
};

export interface DemoInspector {
  department: DepartmentCode;
  badgeNumber: string;
  name: string;
}

export const DEMO_INSPECTORS: readonly DemoInspector[] = Object.entries(POOLS).flatMap(([department, pool]) =>
  pool!.names.map((name, i) => ({ department: department as DepartmentCode, badgeNumber: `${pool!.prefix}-${String(i + 1).padStart(4, '0')}`, name })),
);

/** Writes the demo inspectors that do not exist yet; returns how many were written. */
export async function seedDemoInspectors(db: Db): Promise<number> {
  const written = await db.insert(inspectors).values([...DEMO_INSPECTORS]).onConflictDoNothing({ target: inspectors.badgeNumber }).returning({ id: inspectors.id });
  return written.length;
}
