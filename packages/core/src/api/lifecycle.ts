/**
 * @bankfeed/core/lifecycle — the life of a bank feed as pure decisions: enabling a protocol, the
 * start date, attaching and detaching, re-authentication e-mails, consent expiry warnings, the
 * nightly collection window and frequency, notices to the firm, and the connection status a pull
 * leaves behind. `runCollection` (root entry) strings them together; this entry is for an
 * application that drives them itself (its own screens, its own scheduler).
 *
 * @example
 * ```ts
 * import { isDue, planAttach, validateStartDate } from '@bankfeed/core/lifecycle'
 * ```
 * @module @bankfeed/core/lifecycle
 */
export { enableProtocol } from '../lifecycle/enable-protocol.js'
export type { EnableProtocolOptions, NewlyEnabled, ProtocolEnabled } from '../lifecycle/enable-protocol.js'
export { changeStartDate, startDateWarnings, validateStartDate } from '../lifecycle/start-date.js'
export type { StartDateChange, StartDateWarning } from '../lifecycle/start-date.js'
export { ATTACHABLE_PROTOCOLS, detach, isCollecting, planAttach } from '../lifecycle/attach.js'
export type { AttachError, AttachMode, AttachOptions, AttachPlan } from '../lifecycle/attach.js'
export { attachedClientRecipient } from '../lifecycle/recipients.js'
export type { Recipients } from '../lifecycle/recipients.js'
export {
  needsReauthentication,
  onConnectorError,
  onReauthenticated,
  resendReauthentication,
} from '../lifecycle/reauthentication.js'
export type {
  ConnectorErrorOptions,
  ConnectorErrorOutcome,
  ReauthenticationLink,
  ResendOptions,
} from '../lifecycle/reauthentication.js'
export { NO_REAUTH_EMAIL } from '../domain/reauth-state.js'
export type { ReauthState } from '../domain/reauth-state.js'
export {
  DEFAULT_EXPIRY_WARNING_DAYS,
  consentEndToWarnAbout,
  consentExpiresOnOf,
  expiryWarnings,
} from '../lifecycle/consent-expiry.js'
export type { ExpiryCandidate, ExpiryWarning, ExpiryWarningOptions } from '../lifecycle/consent-expiry.js'
export { firmNoticeMessage, firmNoticesDue, protocolLabel } from '../lifecycle/firm-notice.js'
export type {
  ConfigurationCase,
  FirmConfigurationNotice,
  FirmConfigurationProblem,
} from '../lifecycle/firm-notice.js'
export { NIGHTLY_WINDOW, collectionPeriod, isDue } from '../lifecycle/collection-window.js'
export type { CollectionWindow, DueDecision, DueInput, DueReason } from '../lifecycle/collection-window.js'
export { LIFECYCLE_ERROR_CATALOG, lifecycleErrorMessage } from '../lifecycle/messages.js'
export type {
  AlreadyAttached,
  BankAccountNotFound,
  ContactEmailInvalid,
  ContactMissing,
  InvalidCollectionWindow,
  InvalidInstant,
  LifecycleError,
  NoCurrentFiscalYear,
  NotAttached,
  ProtocolNotEnabled,
  ProtocolWithoutAttach,
  StartDateLocked,
  StartDateMissing,
} from '../lifecycle/errors.js'
export { statusAfterPullError, statusAfterPullSuccess } from '../domain/connection-status.js'
export type {
  Attachment,
  ConnectionProblem,
  ConnectionStatus,
  PullErrorOptions,
} from '../domain/connection-status.js'
export type { Notifier } from '../ports/notifier.js'
export type { Notification, NotifierError, Recipient, StoppedConnection } from '../domain/notification.js'
