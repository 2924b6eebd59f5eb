export { createEligibilityService, type EligibilityService } from './eligibility.service';
export { eligibilityRoutes } from './eligibility.routes';
export {
  AREA_ELIGIBILITY_RULES,
  DEFAULT_AREA_ELIGIBILITY_RULES,
  areaEligibilityRules,
} from './area-rules';
export {
  createAreaRulesService,
  loadAreaEligibilityRules,
  type AreaRulesService,
} from './area-rules.service';
export { areaRulesAdminRoutes } from './area-rules.routes';
