import { ConnectorError } from '@bankfeed/core/connector'
import type { RequiredAction } from '@bankfeed/core/connector'
import type { BridgeItem } from './wire/records.js'

/** What an item's status code means for a pull. */
export type ItemHealth =
  | { readonly _tag: 'Healthy' }
  /** Data can be read, with a remark worth logging (1009: balance changed, no transaction found). */
  | { readonly _tag: 'Degraded'; readonly note: string }
  | { readonly _tag: 'Blocked'; readonly error: ConnectorError }

/**
 * Reads an item's status code (Bridge "items status" page). A pull touching a blocked item fails
 * with the typed error; an unknown code is `InvalidData`, never taken for healthy.
 */
export const itemHealth = (item: BridgeItem): ItemHealth => {
  const about = `Bridge item ${item.id} (status ${item.status}${item.statusCodeInfo === null ? '' : ` ${item.statusCodeInfo}`})`
  const blocked = (error: ConnectorError): ItemHealth => ({ _tag: 'Blocked', error })
  const wait = (why: string, retryable: boolean): ItemHealth =>
    blocked(ConnectorError.unavailable({ message: `${about}: ${why}`, retryable }))
  const act = (action: RequiredAction, why: string): ItemHealth =>
    blocked(ConnectorError.actionRequired({ message: `${about}: ${why}`, action }))
  switch (item.status) {
    case 0:
      return { _tag: 'Healthy' }
    case 1009:
      return { _tag: 'Degraded', note: 'balance changed but no new transaction was found' }
    case -2:
      return wait('first synchronisation in progress', true)
    case -3:
      return wait('refresh after new credentials in progress', true)
    case 402:
      return blocked(
        ConnectorError.authExpired({
          message: `${about}: the bank refused the credentials; the customer must enter them again`,
        }),
      )
    case 429:
      return act('bank-website', "the customer must act on the bank's website (terms, password, first login)")
    case 430:
      return act('password-rotation', "the customer must change the password on the bank's website")
    case 1003:
      return wait('temporary failure at the bank, retry later', true)
    case 1005:
      return wait('this account is not supported by Bridge', false)
    case 1007:
      return wait('refresh temporarily disabled (bank-side issue)', true)
    case 1010:
      return act('sca', 'the bank needs a strong customer authentication (SCA) through Bridge Connect')
    case 1099:
      return wait('item being migrated by Bridge', true)
    case 1100:
      return act('validate-pro-accounts', 'business accounts must be validated by the customer')
    default:
      return blocked(
        ConnectorError.invalidData({
          message: `${about}: unknown status code`,
          where: `item ${item.id}.status`,
        }),
      )
  }
}
