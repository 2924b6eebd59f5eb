export { createCatalogService, type CatalogService } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
export { seedReferenceData, type SeedOptions } from './reference-data';
