import { formatLocalDateFr } from '../domain/local-date.js'
import { defineCatalog } from '../messages/catalog.js'
import type { Locale, ParamsByTag } from '../messages/catalog.js'
import type { LifecycleError } from './errors.js'

/**
 * French and English texts of the life-cycle errors, keyed by their stable `_tag`. French is what
 * users read; English is for integrators' logs and support. Each error is its own parameters, so a
 * new error without a text is a compile error.
 */
export const LIFECYCLE_ERROR_CATALOG = defineCatalog<ParamsByTag<LifecycleError>>({
  BankAccountNotFound: {
    fr: (e) => `Le compte bancaire « ${e.bankAccountId} » n’existe pas dans ce dossier.`,
    en: (e) => `Bank account "${e.bankAccountId}" does not exist in this dossier.`,
  },
  NoCurrentFiscalYear: {
    fr: (e) =>
      `Aucun exercice ne contient le ${formatLocalDateFr(e.today)} : la date de début d’appel ne peut pas prendre la date de début de l’exercice en cours. Créez l’exercice ou saisissez la date.`,
    en: (e) =>
      `No fiscal year contains ${e.today}: the feed start date cannot default to the start of the current fiscal year. Create the year or enter the date.`,
  },
  StartDateLocked: {
    fr: (e) =>
      `La date de début d’appel${e.startDate === null ? '' : ` (${formatLocalDateFr(e.startDate)})`} a été validée : elle n’est plus modifiable.`,
    en: (e) =>
      `The feed start date${e.startDate === null ? '' : ` (${e.startDate})`} was validated: it can no longer change.`,
  },
  StartDateMissing: {
    fr: () => 'Aucune date de début d’appel à valider : saisissez-la d’abord.',
    en: () => 'No feed start date to validate: enter it first.',
  },
  ProtocolNotEnabled: {
    fr: (e) =>
      `Le compte bancaire « ${e.bankAccountId} » n’a pas de protocole de récupération : activez Bankin’ (Configuration > Trésorerie).`,
    en: (e) => `Bank account "${e.bankAccountId}" has no feed protocol: enable one first.`,
  },
  ProtocolWithoutAttach: {
    fr: (e) =>
      `Le compte bancaire « ${e.bankAccountId} » est alimenté par fichiers (${e.protocol}) : il n’y a pas de connexion à attacher.`,
    en: (e) =>
      `Bank account "${e.bankAccountId}" is fed by files (${e.protocol}): there is no connection to attach.`,
  },
  ContactMissing: {
    fr: (e) =>
      e.contactId === null
        ? `Aucun client attaché au compte bancaire « ${e.bankAccountId} » : choisissez le contact qui recevra le lien.`
        : `Le client attaché « ${e.contactId} » n’existe pas dans les contacts du dossier.`,
    en: (e) =>
      e.contactId === null
        ? `No client contact is attached to bank account "${e.bankAccountId}": choose who receives the link.`
        : `Attached contact "${e.contactId}" is not among the dossier's contacts.`,
  },
  ContactEmailInvalid: {
    fr: (e) =>
      e.email === null || e.email.trim() === ''
        ? `Le contact « ${e.contactId} » n’a pas d’adresse e-mail : le lien ne peut pas lui être envoyé.`
        : `L’adresse e-mail « ${e.email} » du contact « ${e.contactId} » est invalide.`,
    en: (e) =>
      e.email === null || e.email.trim() === ''
        ? `Contact "${e.contactId}" has no e-mail address: the link cannot be sent.`
        : `E-mail address "${e.email}" of contact "${e.contactId}" is invalid.`,
  },
  AlreadyAttached: {
    fr: (e) => `Le compte bancaire « ${e.bankAccountId} » est déjà attaché.`,
    en: (e) => `Bank account "${e.bankAccountId}" is already attached.`,
  },
  NotAttached: {
    fr: () => 'Le compte bancaire n’a jamais été attaché : cliquez d’abord sur [A attacher].',
    en: () => 'The bank account was never attached: attach it first.',
  },
  InvalidCollectionWindow: {
    fr: (e) =>
      `Plage de collecte invalide (${e.start}–${e.end}, ${e.zone}) : heures HH:MM, début avant la fin, fuseau IANA.`,
    en: (e) =>
      `Invalid collection window (${e.start}–${e.end}, ${e.zone}): HH:MM times, start before end, an IANA zone.`,
  },
  InvalidInstant: {
    fr: (e) => `Horodatage invalide « ${e.value} » : attendu ISO 8601 avec fuseau (Z ou +02:00).`,
    en: (e) => `Invalid timestamp "${e.value}": expected ISO 8601 with an offset (Z or +02:00).`,
  },
})

/** The text of a life-cycle error, in French by default. */
export const lifecycleErrorMessage = (error: LifecycleError, locale: Locale = 'fr'): string =>
  LIFECYCLE_ERROR_CATALOG.message(error._tag, error, locale)
