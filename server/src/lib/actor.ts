import type { Role } from '@hqe/core';

/** Who is acting, as every service and audit event needs it. */
export interface Actor {
  accountId: number;
  username: string;
  roles: Role[];
  examAreaId: number | null;
  requestId: string;
}

/** The actor of work the system does by itself (deadline jobs, seeding). */
export interface SystemActor {
  accountId: null;
  requestId: string | null;
}
