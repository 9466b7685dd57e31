import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import apikeysCreate from './apikeys-create.js';
import apikeysGet from './apikeys-get.js';
import apikeysImport from './apikeys-import.js';
import apikeysList from './apikeys-list.js';
import apikeysLookup from './apikeys-lookup.js';
import apikeysRevoke from './apikeys-revoke.js';
import apikeysRotate from './apikeys-rotate.js';
import apikeysUpdate from './apikeys-update.js';
import auditExport from './audit-export.js';
import auditList from './audit-list.js';
import auditVerify from './audit-verify.js';
import authLogout from './auth-logout.js';
import authRefresh from './auth-refresh.js';
import authToken from './auth-token.js';
import connectSessionConnect from './connect-session-connect.js';
import connectSessionGet from './connect-session-get.js';
import connectSessionsCreate from './connect-sessions-create.js';
import connectSessionsDelete from './connect-sessions-delete.js';
import connectSessionsList from './connect-sessions-list.js';
import connectionsCheck from './connections-check.js';
import connectionsCreate from './connections-create.js';
import connectionsDelete from './connections-delete.js';
import connectionsGet from './connections-get.js';
import connectionsList from './connections-list.js';
import connectionsProxy from './connections-proxy.js';
import connectionsUpdate from './connections-update.js';
import consoleSessionCreate from './console-session-create.js';
import consoleSessionDelete from './console-session-delete.js';
import consoleSessionGet from './console-session-get.js';
import events from './events.js';
import keysReportLeak from './keys-report-leak.js';
import keysVerify from './keys-verify.js';
import me from './me.js';
import membersAdd from './members-add.js';
import membersList from './members-list.js';
import membersRemove from './members-remove.js';
import membersUpdate from './members-update.js';
import ops from './ops.js';
import organizationsCreate from './organizations-create.js';
import organizationsDelete from './organizations-delete.js';
import organizationsGet from './organizations-get.js';
import organizationsList from './organizations-list.js';
import organizationsUpdate from './organizations-update.js';
import providersGet from './providers-get.js';
import providersList from './providers-list.js';
import serviceUsersCreate from './service-users-create.js';
import serviceUsersDelete from './service-users-delete.js';
import serviceUsersGet from './service-users-get.js';
import serviceUsersList from './service-users-list.js';
import serviceUsersUpdate from './service-users-update.js';
import usersCreate from './users-create.js';
import usersDelete from './users-delete.js';
import usersGet from './users-get.js';
import usersList from './users-list.js';
import usersUpdate from './users-update.js';
import vault from './vault.js';
import webhooksCreate from './webhooks-create.js';
import webhooksDelete from './webhooks-delete.js';
import webhooksDeliveries from './webhooks-deliveries.js';
import webhooksGet from './webhooks-get.js';
import webhooksList from './webhooks-list.js';
import webhooksRotateSecret from './webhooks-rotate-secret.js';
import webhooksUpdate from './webhooks-update.js';

/** The API's table of contents: every route, in the order the docs list them. */
const ROUTES = [
  authToken,
  authRefresh,
  authLogout,
  me,
  consoleSessionCreate,
  consoleSessionGet,
  consoleSessionDelete,
  organizationsCreate,
  organizationsList,
  organizationsGet,
  organizationsUpdate,
  organizationsDelete,
  membersAdd,
  membersList,
  membersUpdate,
  membersRemove,
  usersCreate,
  usersList,
  usersGet,
  usersUpdate,
  usersDelete,
  serviceUsersCreate,
  serviceUsersList,
  serviceUsersGet,
  serviceUsersUpdate,
  serviceUsersDelete,
  apikeysCreate,
  apikeysList,
  apikeysGet,
  apikeysLookup,
  apikeysUpdate,
  apikeysRevoke,
  apikeysRotate,
  apikeysImport,
  keysVerify,
  events,
  webhooksCreate,
  webhooksList,
  webhooksGet,
  webhooksUpdate,
  webhooksDelete,
  webhooksRotateSecret,
  webhooksDeliveries,
  keysReportLeak,
  providersList,
  providersGet,
  connectionsCreate,
  connectionsList,
  connectionsGet,
  connectionsUpdate,
  connectionsDelete,
  connectionsCheck,
  connectionsProxy,
  connectSessionsCreate,
  connectSessionsList,
  connectSessionsDelete,
  connectSessionGet,
  connectSessionConnect,
  vault,
  auditList,
  auditExport,
  auditVerify,
  ops,
];

export function registerRoutes(app: App, deps: Deps): void {
  for (const route of ROUTES) route(app, deps);
}
