import type { PhoneSealer, Resident } from '@firstline/domain';
import { maskPhone } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/**
 * A resident agrees to be reached: the number is sealed for the notifier at once (this function can
 * seal, never open) and kept by household; everywhere else it is masked. Giving it again replaces it.
 */
export async function giveContact(ports: Pick<DistrictPorts, 'contacts'> & { readonly phoneSealer: PhoneSealer }, resident: Resident, phone: string, by: string, now = new Date()) {
  const contact = {
    personId: resident.personId, householdId: resident.householdId, sealed: await ports.phoneSealer.seal(phone),
    phoneMasked: maskPhone(phone), consentedAt: now.toISOString(), consentedBy: by,
  };
  await ports.contacts.consent(contact);
  return { personId: contact.personId, phoneMasked: contact.phoneMasked, consentedAt: contact.consentedAt, consentedBy: by };
}

/** Consent withdrawn: the sealed number is deleted, the withdrawal kept with who and when. */
export async function withdrawContact(ports: Pick<DistrictPorts, 'contacts'>, resident: Resident, by: string, now = new Date()) {
  const withdrawnAt = now.toISOString();
  const deleted = await ports.contacts.withdraw(resident.personId, resident.householdId, by, withdrawnAt);
  return { personId: resident.personId, withdrawnAt, withdrawnBy: by, deleted };
}
