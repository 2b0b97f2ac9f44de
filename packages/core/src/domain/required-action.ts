/**
 * What a person must do at the bank or the aggregator before collection can go on, reported by a
 * connector with an `ActionRequired` error. A closed list, so that every one has words for the
 * client in the report and the e-mails (see {@link REQUIRED_ACTION_TEXTS}).
 */
export type RequiredAction =
  /** Pass a strong customer authentication (SCA): a code, the bank's app. */
  | 'sca'
  /** Sign in on the bank's website: new terms to accept, a first sign-in to finish. */
  | 'bank-website'
  /** Change the password on the bank's website (the bank asks for it). */
  | 'password-rotation'
  /** Confirm which business accounts may be shared (Bridge asks it of professional customers). */
  | 'validate-pro-accounts'
  /** Give a new consent to share the accounts (the bank withdrew or refused the previous one). */
  | 'new-consent'
  /** Contact the bank: it blocked access for a reason only it can lift. */
  | 'contact-bank'

/** Every {@link RequiredAction}, in a stable order (for codecs and pickers). */
export const REQUIRED_ACTIONS: ReadonlyArray<RequiredAction> = [
  'sca',
  'bank-website',
  'password-rotation',
  'validate-pro-accounts',
  'new-consent',
  'contact-bank',
]

/** True when `value` is one of the {@link RequiredAction}s (for data read back from a store). */
export const isRequiredAction = (value: unknown): value is RequiredAction =>
  REQUIRED_ACTIONS.some((a) => a === value)

/**
 * What the client is asked to do, in French (the default) and English: the end of a sentence
 * starting "Le client doit…" / "The client must…".
 */
export const REQUIRED_ACTION_TEXTS: Readonly<
  Record<RequiredAction, { readonly fr: string; readonly en: string }>
> = {
  sca: {
    fr: 'valider une authentification forte (code, application de la banque)',
    en: "pass a strong customer authentication (a code, the bank's app)",
  },
  'bank-website': {
    fr: 'se connecter au site de sa banque (conditions à accepter, première connexion à terminer)',
    en: "sign in on the bank's website (terms to accept, a first sign-in to finish)",
  },
  'password-rotation': {
    fr: 'changer son mot de passe sur le site de sa banque',
    en: "change the password on the bank's website",
  },
  'validate-pro-accounts': {
    fr: 'valider le partage de ses comptes professionnels',
    en: 'confirm which business accounts may be shared',
  },
  'new-consent': {
    fr: "donner un nouveau consentement d'accès à ses comptes",
    en: 'give a new consent to access the accounts',
  },
  'contact-bank': {
    fr: 'contacter sa banque, qui bloque l’accès',
    en: 'contact the bank, which blocks access',
  },
}
