import { describe, expect, it } from 'vitest';
import { grantableRoles, isAreaScopedRole, ROLE_LIST, ROLE_LABELS, type Role } from './roles';

describe('isAreaScopedRole', () => {
  it.each<[Role, boolean]>([
    ['candidate', false],
    ['confirmation_reviewer', true],
    ['qualification_reviewer', true],
    ['area_admin', true],
    ['platform_admin', false],
  ])('when the role is %s, then area-scoped is %s', (role, scoped) => {
    expect(isAreaScopedRole(role)).toBe(scoped);
  });
});

describe('grantableRoles', () => {
  const everyStaffRole = [
    'confirmation_reviewer',
    'qualification_reviewer',
    'area_admin',
    'platform_admin',
  ];
  const areaStaffRoles = ['confirmation_reviewer', 'qualification_reviewer'];

  it.each<[string, Role[], string[]]>([
    ['a platform admin', ['platform_admin'], everyStaffRole],
    ['an area admin', ['area_admin'], areaStaffRoles],
    ['an area admin who also reviews', ['area_admin', 'qualification_reviewer'], areaStaffRoles],
    [
      'a platform admin who is also an area admin',
      ['area_admin', 'platform_admin'],
      everyStaffRole,
    ],
    ['a confirmation reviewer', ['confirmation_reviewer'], []],
    ['a qualification reviewer', ['qualification_reviewer'], []],
    ['both kinds of reviewer', ['confirmation_reviewer', 'qualification_reviewer'], []],
    ['a candidate', ['candidate'], []],
    ['nobody (no roles)', [], []],
  ])('when the actor is %s, then the grantable roles are as listed', (_who, actor, expected) => {
    expect(grantableRoles(actor)).toEqual(expected);
  });

  it('when an area admin is granting, then neither platform_admin nor area_admin is among the roles', () => {
    expect(grantableRoles(['area_admin'])).not.toContain('platform_admin');
    expect(grantableRoles(['area_admin'])).not.toContain('area_admin');
  });

  it('when the returned list is changed, then the next call is unaffected', () => {
    const first = grantableRoles(['platform_admin']);
    first.pop();
    expect(grantableRoles(['platform_admin'])).toHaveLength(4);
  });
});

describe('role labels', () => {
  it('when listing every role, then each has a Chinese label', () => {
    expect(ROLE_LIST).toHaveLength(5);
    for (const role of ROLE_LIST) expect(ROLE_LABELS[role]).toMatch(/[\u4e00-\u9fff]/);
  });
});
