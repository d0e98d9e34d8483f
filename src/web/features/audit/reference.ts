export { normaliseReference } from '../../../contracts/cases.js';
