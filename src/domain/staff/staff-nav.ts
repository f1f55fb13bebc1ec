/**
 * The staff area's navigation (src/components/staff/StaffHeader.astro): which links each role gets, and
 * which of them is the current page. A link a role may not follow is not shown; the page itself
 * answers 404 to that role anyway (src/server/staff/staff-guard.ts).
 */
import type { StaffRole } from './staff-roles';

export interface StaffNavItem {
  href: string;
  text: string;
}

const QUEUE: StaffNavItem = { href: '/staff', text: '队列' };
const PATROL: StaffNavItem = { href: '/staff/patrol', text: '巡查上报' };
const OVERSIGHT: StaffNavItem = { href: '/staff/oversight', text: '督导' };
const USERS: StaffNavItem = { href: '/staff/users', text: '用户管理' };
const IMPORT: StaffNavItem = { href: '/staff/import', text: '导入数据' };
const PUBLISH: StaffNavItem = { href: '/staff/publish', text: '公开发布' };
const MESSAGES: StaffNavItem = { href: '/staff/messages', text: '消息发送' };

export const STAFF_NAV: Record<StaffRole, readonly StaffNavItem[]> = {
  dispatcher: [QUEUE],
  handler: [QUEUE, PUBLISH, IMPORT],
  coordinator: [QUEUE],
  grid: [QUEUE, PATROL],
  supervisor: [OVERSIGHT],
  admin: [USERS, IMPORT, MESSAGES],
};

/**
 * The href of the item the page belongs to: the longest one that is the path or a folder above
 * it, so /staff/cases/… belongs to 队列 (/staff) and /staff/users/7 to 用户管理.
 */
export function currentNavHref(items: readonly StaffNavItem[], pathname: string): string | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const matches = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}
