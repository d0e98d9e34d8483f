export {
  loadSampleOrganisation,
  SAMPLE_AREAS,
  SAMPLE_EMAIL_DOMAIN,
  SAMPLE_SEED,
  type SampleResult,
} from './sample.service.js';
export { seededRandom, type Random } from './random.js';
