import { dayOf, dialysisSessions, localInstant, medicineDue } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { requestDelivery } from '../deliveries/request-delivery.ts';
import type { HouseholdBuildings } from '../residents/household-building.ts';

/**
 * How far ahead a session's request is opened: the evening before a morning session, so its clock
 * (acknowledged within 30 minutes, transport arranged within 2 hours) runs out hours before it.
 */
export const recurringLeadHours = 12;

/** Who opened a recurring request, or asked for a recurring delivery: the schedule, not a person. */
export const recurringOpener = 'schedule';

/**
 * Every hour: each dialysis session of the district's households in the next 12 hours gets its
 * urgent request, and each chronic patient whose medicine is due today a medical delivery, once.
 * The id is the household's and the occurrence's, and the body the same on every run, so a second
 * run (or two at once) finds it there and opens nothing.
 */
export async function openRecurringRequests(ports: DistrictPorts & { readonly householdBuildings: HouseholdBuildings }, now = new Date()) {
  const { timeZone } = await districtSettings(ports);
  const until = new Date(now.getTime() + recurringLeadHours * 3_600_000);
  const today = dayOf(now, timeZone);
  let opened = 0;
  let sessions = 0;
  let medicine = 0;
  for (const household of await ports.householdNeeds.withSchedules()) {
    const { householdId, buildingId, gridId } = household;
    if (household.dialysis && household.needs.includes('dialysis')) {
      for (const at of dialysisSessions(household.dialysis, now, until, timeZone)) {
        sessions++;
        const opening = {
          requestId: `dialysis-${householdId}-${dayOf(at, timeZone)}`, householdId, buildingId, kind: 'dialysis' as const, neededAt: at.toISOString(), note: 'recurring dialysis session',
        };
        const request = { ...opening, gridId, openedBy: recurringOpener, openedAt: now.toISOString() };
        if ((await ports.urgentRequests.create(request, ports.pseudonyms.fingerprint([JSON.stringify(opening)]))) === 'created') {
          opened++;
          await ports.careCounts.add(gridId, today, { 'urgent.opened': 1 });
        }
      }
    }
    if (household.medicine && household.needs.includes('chronic-medicine') && medicineDue(household.medicine, today)) {
      medicine++;
      // Dated the start of its day, the same on every run, so a repeat is the same order.
      await requestDelivery(ports, { gridId, timeZone }, {
        deliveryId: `medicine-${householdId}-${today}`, householdId, buildingId, kind: 'medicine', priority: 'medical',
        items: [{ name: household.medicine.item, quantity: household.medicine.quantity }], requestedAt: localInstant(today, '00:00', timeZone).toISOString(),
      }, recurringOpener, now);
    }
  }
  return { sessions, opened, medicine };
}
