import type { PhoneSealer, Resident } from '@firstline/domain';
import { ConflictError, maskPhone } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/**
 * A resident agrees to be reached: the number is sealed for the notifier at once (this function can
 * seal, never open) and kept by household; everywhere else it is masked. Giving it again replaces it,
 * except that a number the resident gave themself is theirs to change: a grid worker recording
 * one over it is a 409 (else the resident's notices would go to the number the worker typed).
 */
export async function giveContact(
  ports: Pick<DistrictPorts, 'contacts'> & { readonly phoneSealer: PhoneSealer },
  resident: Resident, phone: string, by: { readonly subject: string; readonly self: boolean }, now = new Date(),
) {
  const held = (await ports.contacts.ofHousehold(resident.householdId)).find((c) => c.personId === resident.personId);
  if (held?.ownConsent && !by.self) throw new ConflictError(`${resident.personId} gave their own number: only they may change it (it may be withdrawn for them)`);
  const contact = {
    personId: resident.personId, householdId: resident.householdId, sealed: await ports.phoneSealer.seal(phone),
    phoneMasked: maskPhone(phone), consentedAt: now.toISOString(), consentedBy: by.subject, ...(by.self && { ownConsent: true as const }),
  };
  await ports.contacts.consent(contact);
  return { personId: contact.personId, phoneMasked: contact.phoneMasked, consentedAt: contact.consentedAt, consentedBy: by.subject };
}

/** Consent withdrawn: the sealed number is deleted, the withdrawal kept with who and when. */
export async function withdrawContact(ports: Pick<DistrictPorts, 'contacts'>, resident: Resident, by: string, now = new Date()) {
  const withdrawnAt = now.toISOString();
  const deleted = await ports.contacts.withdraw(resident.personId, resident.householdId, by, withdrawnAt);
  return { personId: resident.personId, withdrawnAt, withdrawnBy: by, deleted };
}
