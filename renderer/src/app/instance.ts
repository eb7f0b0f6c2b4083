import { api } from '../api';
import { createController } from './controller';

/** The running UI's controller (one per window). */
export const controller = createController(api, {
  isVisible: () => document.visibilityState === 'visible',
});
