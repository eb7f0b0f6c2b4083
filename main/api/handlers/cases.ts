import type { Handlers } from '../router';
import type { AppContext } from '../../app-context';

type CaseHandlers = Pick<
  Handlers,
  | 'cases.create'
  | 'cases.update'
  | 'cases.get'
  | 'cases.list'
  | 'cases.preview'
  | 'cases.notify'
  | 'cases.attach'
  | 'cases.file'
  | 'cases.label'
  | 'cases.settings'
  | 'cases.updateSettings'
  | 'cases.importPreview'
  | 'cases.importCommit'
>;

/** Cases from the UI: the actor is staff (a profile name once staff profiles exist). */
export function caseHandlers(ctx: AppContext): CaseHandlers {
  const { service, importer } = ctx.cases;
  return {
    'cases.create': (input) => service.create(input, 'staff'),
    'cases.update': (input) => service.update(input, 'staff'),
    'cases.get': ({ id }) => service.get(id),
    'cases.list': (input) => service.list(input),
    'cases.preview': ({ id, status }) => service.preview(id, status),
    'cases.notify': ({ id, text }) => service.notify(id, text, 'staff'),
    'cases.attach': ({ id, messageId }) => service.attach(id, messageId),
    'cases.file': ({ id, mediaId }) => service.file(id, mediaId),
    'cases.label': ({ id, format }) => service.label(id, format),
    'cases.settings': () => service.settings(),
    'cases.updateSettings': (patch) => service.updateSettings(patch),
    'cases.importPreview': ({ csv }) => importer.preview(csv),
    'cases.importCommit': ({ csv, skipInvalid }) => importer.commit(csv, skipInvalid),
  };
}
