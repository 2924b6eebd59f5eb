export {
  createAuthService,
  type AuthService,
  type AuthContext,
  type CandidateDirectory,
} from './auth.service';
export { requireAuth, actorOf } from './auth.guard';
export { sessionPlugin, SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER } from './session.plugin';
export { authRoutes } from './auth.routes';
