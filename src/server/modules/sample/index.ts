export {
  loadSampleOrganisation,
  SAMPLE_AREAS,
  SAMPLE_EMAIL_DOMAIN,
  SAMPLE_SEED,
  type SampleResult,
} from './sample.service.js';
export { seededRandom, type Random } from './random.js';
export { SAMPLE_HISTORY_MONTHS, SAMPLE_MONTH_DAYS, SAMPLE_PLANTED_RISE } from './sample-cases.js';
export { startSampleClocks } from './sample-clocks.js';
