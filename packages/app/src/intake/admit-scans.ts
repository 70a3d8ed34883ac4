import type { CodeColor, DecideEntry, PersonScan, Policy, Reason, RegistryIndex, Resident, ScanAnswer, ScanRecord, ScanRequest, Verdict } from '@firstline/domain';
import { ConflictError, dayOf, decideEntry, isLiveScan, quotaDay, requireWithinBounds } from '@firstline/domain';
import { gateColor } from '@firstline/domain/health-codes/index';
import type { DistrictPorts } from '../district.ts';
import { gateCodePorts } from '../province/gate-code-ports.ts';
import { verifyAtGate } from '../province/verify-at-gate.ts';
import { spendOutings } from './spend-outings.ts';

/**
 * A code some provider vouched for. `personId` null: a provincial code of nobody registered here
 * (`unknown-person`). `color`: the colour the provider vouches for (the province's), none for
 * Firstline's own code, whose resident record decides. `singleUse` (default true): Firstline's
 * rotating code is spent by its scan; the province's is shown all day, so each scan is its own.
 * `provisional`: vouched by the fallback while the province could not answer.
 */
export type CodeCheck =
  | {
    readonly ok: true;
    readonly personId: string | null;
    readonly codeId: string;
    readonly color?: CodeColor | null | undefined;
    readonly singleUse?: boolean | undefined;
    readonly provisional?: boolean | undefined;
  }
  | { readonly ok: false };

/** What admitting scans reads and writes; implemented by the adapters, faked in unit tests. */
export interface AdmitPorts {
  gridOfCheckpoint(checkpointId: string): string | undefined;
  verifyCode(code: string, at: Date): Promise<CodeCheck>;
  personIdOf(idNumber: string): string;
  fingerprint(parts: readonly string[]): string;
  residents(personIds: readonly string[]): Promise<Map<string, Resident>>;
  personScans(slots: readonly { personId: string; slot: string }[]): Promise<PersonScan[]>;
  claim(scan: PersonScan): Promise<boolean>;
  /** Decides the pass quota of one household's out scans, atomically against other gates. */
  spendOutings(householdId: string, scans: readonly { scanId: string; day: string; wanted: boolean }[]): Promise<Map<string, boolean>>;
  publish(records: readonly ScanRecord[]): Promise<void>;
}

export interface AdmitSettings {
  readonly policy: Policy;
  readonly timeZone: string;
  /** The server's clock when the upload arrived: what bounds `scannedAt` and judges a live code. */
  readonly now: Date;
}

export type AdmitOutcome =
  | { readonly ok: true; readonly results: ScanAnswer[] }
  | { readonly ok: false; readonly conflicts: { index: number; scanId: string }[] };

interface Resolved {
  readonly scan: ScanRequest;
  readonly index: number;
  readonly gridId: string;
  readonly at: Date;
  readonly personId: string | null;
  readonly slot: string | null;
  readonly hash: string;
  readonly codeInvalid: boolean;
  /** The colour the code's provider vouched for; null when Firstline's record alone decides. */
  readonly color: CodeColor | null;
  readonly provisional: boolean;
}

const dayMs = 86_400_000;

function answer(scanId: string, verdict: Verdict, reason: Reason, resident: Resident | undefined, provisional: boolean): ScanAnswer {
  return {
    scanId,
    verdict,
    reason,
    person: resident
      ? { personId: resident.personId, nameMasked: resident.nameMasked, buildingId: resident.buildingId, codeColor: resident.codeColor }
      : null,
    ...(provisional ? { provisional: true as const } : {}),
  };
}

/** The slot a vouched code claims: a single-use code's own id, or (a standing code) the scan's. */
const slotOf = (check: CodeCheck & { ok: true }, scanId: string) => (check.singleUse === false ? `S#${scanId}` : `C#${check.codeId}`);

/**
 * Verdict now, recording later: resolves each scan's person (code or ID card), reads what the
 * rules need in batch, answers one result per scan in order, claims each scan's slot (idempotency
 * and single-use codes in one conditional write) and publishes the scans for counting.
 *
 * A repeat of a scan (same id, same body) gets its first answer back and is published again, marked
 * a repeat, so a request that failed after claiming is completed by the client's retry: the close
 * counts each scan once, and the live view never counts a repeat.
 */
export async function admitScans(
  scans: readonly ScanRequest[],
  ports: AdmitPorts,
  settings: AdmitSettings,
  decide: DecideEntry,
): Promise<AdmitOutcome> {
  const { policy, timeZone, now } = settings;
  requireWithinBounds(scans.map((scan, index) => ({ path: `scans.${index}.scannedAt`, at: scan.scannedAt })), policy, now);
  const resolved: Resolved[] = await Promise.all(scans.map(async (scan, index) => {
    const at = new Date(scan.scannedAt);
    const gridId = ports.gridOfCheckpoint(scan.checkpointId) ?? '';
    let personId: string | null = null;
    let slot: string | null = null;
    let codeInvalid = false;
    let color: CodeColor | null = null;
    let provisional = false;
    if (scan.code !== undefined) {
      // The server's clock decides whether a live code is still valid; a backlog scan's code must
      // have been valid when it was scanned (issued before, not yet expired).
      const live = isLiveScan(at, now);
      const check = await ports.verifyCode(scan.code, live ? now : at);
      if (check.ok) {
        ({ personId, slot } = { personId: check.personId, slot: slotOf(check, scan.scanId) });
        ({ color, provisional } = { color: check.color ?? null, provisional: check.provisional === true });
      } else {
        codeInvalid = true;
        // A code that expired since its live scan still names its slot, so a gate's retry of that
        // scan gets its first answer back; as a new scan it stays invalid.
        const atScan = live ? await ports.verifyCode(scan.code, at) : check;
        if (atScan.ok) ({ personId, slot } = { personId: atScan.personId, slot: slotOf(atScan, scan.scanId) });
      }
    } else if (scan.idNumber !== undefined) {
      personId = ports.personIdOf(scan.idNumber);
      slot = `S#${scan.scanId}`;
    }
    const hash = ports.fingerprint([
      scan.scanId, scan.checkpointId, scan.code ?? '', personId ?? '', scan.direction,
      String(scan.temperatureC), String(at.getTime()), scan.deviceId ?? '',
    ]);
    return { scan, index, gridId, at, personId, slot, hash, codeInvalid, color, provisional };
  }));

  const personIds = [...new Set(resolved.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const [residents, claimed] = await Promise.all([
    ports.residents(personIds),
    ports.personScans(resolved.flatMap((r) => (r.personId && r.slot ? [{ personId: r.personId, slot: r.slot }] : []))),
  ]);
  const claimedBySlot = new Map(claimed.map((c) => [`${c.personId}|${c.slot}`, c]));
  // The person as the gate's rules read them: the colour never better than Firstline's own record,
  // whichever provider vouched (DESIGN.md: a known red or yellow person is never let through).
  const atGate = (r: Resolved): Resident | undefined => {
    const resident = r.personId ? residents.get(r.personId) : undefined;
    return resident && { ...resident, codeColor: gateColor(resident.codeColor, r.color) };
  };

  const conflicts = resolved.flatMap((r) => {
    const prior = r.personId && r.slot ? claimedBySlot.get(`${r.personId}|${r.slot}`) : undefined;
    return prior && prior.scanId === r.scan.scanId && prior.hash !== r.hash ? [{ index: r.index, scanId: r.scan.scanId }] : [];
  });
  if (conflicts.length > 0) return { ok: false, conflicts };

  // Pass quota: out scans of each household in scan-time order, decided against the stored state.
  const outings = new Map<string, boolean>();
  if (policy.outings) {
    const byHousehold = new Map<string, Resolved[]>();
    for (const r of resolved) {
      const resident = atGate(r);
      const prior = r.personId && r.slot ? claimedBySlot.get(`${r.personId}|${r.slot}`) : undefined;
      if (r.scan.direction !== 'out' || !resident || r.codeInvalid || prior) continue;
      const list = byHousehold.get(resident.householdId) ?? [];
      list.push(r);
      byHousehold.set(resident.householdId, list);
    }
    await Promise.all([...byHousehold].map(async ([householdId, list]) => {
      list.sort((a, b) => a.at.getTime() - b.at.getTime());
      const wanted = list.map((r) => {
        const resident = atGate(r)!;
        const { verdict } = decide({ subject: { kind: 'person', resident }, temperatureC: r.scan.temperatureC, direction: 'out', policy, quotaAllows: true });
        const day = quotaDay(dayOf(r.at, timeZone), dayOf(now, timeZone), policy.outings!);
        return { scanId: r.scan.scanId, day, wanted: verdict === 'allow' };
      });
      for (const [scanId, allowed] of await ports.spendOutings(householdId, wanted)) outings.set(scanId, allowed);
    }));
  }

  const expiresAt = (at: Date) => Math.floor((at.getTime() + policy.retentionDays * dayMs) / 1000);
  const records: ScanRecord[] = new Array(resolved.length);
  const results = await Promise.all(resolved.map(async (r): Promise<ScanAnswer> => {
    const resident = atGate(r);
    const prior = r.personId && r.slot ? claimedBySlot.get(`${r.personId}|${r.slot}`) : undefined;
    const usedElsewhere = prior !== undefined && prior.scanId !== r.scan.scanId;
    const subject = r.codeInvalid || usedElsewhere
      ? { kind: 'invalid-code' as const }
      : resident ? { kind: 'person' as const, resident } : { kind: 'unknown-person' as const };
    let { verdict, reason, fever } = prior && !usedElsewhere
      ? { verdict: prior.verdict, reason: prior.reason, fever: r.scan.temperatureC >= policy.feverC }
      : decide({ subject, temperatureC: r.scan.temperatureC, direction: r.scan.direction, policy, quotaAllows: outings.get(r.scan.scanId) });

    let shown = subject.kind === 'person' || (prior && !usedElsewhere) ? resident : undefined;
    // A repeat answers as the first did; an invalid or spent code was nobody's to vouch for.
    let provisional = prior && !usedElsewhere ? prior.provisional === true : r.provisional && subject.kind !== 'invalid-code';
    let repeat = prior !== undefined && !usedElsewhere;
    if (subject.kind === 'person' && !prior) {
      const entry: PersonScan = {
        personId: subject.resident.personId, slot: r.slot!, scanId: r.scan.scanId, hash: r.hash, at: r.at.toISOString(),
        checkpointId: r.scan.checkpointId, direction: r.scan.direction, temperatureC: r.scan.temperatureC,
        verdict, reason, expiresAt: expiresAt(r.at), ...(provisional ? { provisional: true as const } : {}),
      };
      if (!(await ports.claim(entry))) {
        // Another request took this slot since we read it: a concurrent repeat, or the same code at another gate.
        const [current] = await ports.personScans([{ personId: entry.personId, slot: entry.slot }]);
        if (current && current.scanId === r.scan.scanId) ({ verdict, reason, provisional, repeat } = { ...current, provisional: current.provisional === true, repeat: true });
        else ({ verdict, reason, shown, provisional } = { verdict: 'deny', reason: 'invalid-code', shown: undefined, provisional: false });
      }
    }
    records[r.index] = {
      scanId: r.scan.scanId, checkpointId: r.scan.checkpointId, gridId: r.gridId, day: dayOf(r.at, timeZone),
      at: r.at.toISOString(), direction: r.scan.direction, temperatureC: r.scan.temperatureC,
      verdict, reason, fever, personId: shown ? shown.personId : null, expiresAt: expiresAt(r.at),
      ...(provisional ? { provisional: true as const } : {}),
      ...(repeat ? { repeat: true as const } : {}),
    };
    return answer(r.scan.scanId, verdict, reason, shown, provisional);
  }));

  await ports.publish(records);
  return { ok: true, results };
}

/**
 * How the district's gates verify a code: without a province, Firstline's own code alone, as before
 * it was connected; with one, every provider the district's policy accepts, in its order, the
 * province's falling back to its signed code and the colour last seen when it cannot answer.
 */
export function codeVerifier(ports: Pick<DistrictPorts, 'codes' | 'province'>, policy: Policy): AdmitPorts['verifyCode'] {
  if (!ports.province) {
    return async (code, at) => {
      const check = await ports.codes.verify(code, at);
      return check.ok ? { ok: true, personId: check.claims.personId, codeId: check.claims.codeId } : { ok: false };
    };
  }
  const gate = gateCodePorts(ports, policy);
  return async (code, at) => {
    const check = await verifyAtGate(gate, code, at);
    if (!check.ok) return { ok: false };
    const { personId, codeId, color, singleUse, provisional } = check;
    return { ok: true, personId, codeId, color, singleUse, provisional };
  };
}

/**
 * A gate's upload, admitted against the district's stores: the verdicts in order, a
 * `ValidationError` naming each `scannedAt` outside the district's time bounds, or a
 * `ConflictError` naming each scan id that was sent before with another body.
 */
export async function admitUpload(ports: DistrictPorts, registry: RegistryIndex, scans: readonly ScanRequest[], now = new Date()): Promise<ScanAnswer[]> {
  const { policy, timeZone } = registry.registry.district;
  const outcome = await admitScans(scans, {
    gridOfCheckpoint: (id) => registry.gridOfCheckpoint(id),
    verifyCode: codeVerifier(ports, policy),
    personIdOf: (idNumber) => ports.pseudonyms.personId(idNumber),
    fingerprint: (parts) => ports.pseudonyms.fingerprint(parts),
    residents: (ids) => ports.residents.getMany(ids),
    personScans: (slots) => ports.scans.personScans(slots),
    claim: (scan) => ports.scans.claimPersonScan(scan),
    spendOutings: (householdId, wanted) => spendOutings(ports.households, householdId, wanted, policy),
    publish: (records) => ports.scanEvents.publish(records),
  }, { policy, timeZone, now }, decideEntry);
  if (!outcome.ok) {
    throw new ConflictError('a scan id was sent before with another body', outcome.conflicts.map((c) => ({
      path: `scans.${c.index}.scanId`, message: `scan ${c.scanId} was recorded with another body`,
    })));
  }
  return outcome.results;
}
