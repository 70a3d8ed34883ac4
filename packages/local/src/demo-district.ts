/**
 * A realistic demo district, generated from a fixed seed so every newcomer sees the same one:
 * 3 streets, 10 communities, 40 grids, ~200 buildings, 80 gate checkpoints, and ~2,560 households
 * with ~5,500 residents (the size of the community in the project's source material).
 */

/** Small deterministic PRNG (mulberry32): the same demo on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const streetNames = ['Zhongshan Road', 'Jiefang Avenue', 'Hanzheng Street'];
const communityWords = ['Garden', 'Harbour', 'Lotus', 'Riverside', 'Maple', 'Sunrise', 'Osmanthus', 'Bamboo', 'Willow', 'Jade'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '建华', '志强'];

export interface DemoResident {
  readonly idNumber: string;
  readonly name: string;
  readonly phone: string;
  readonly buildingId: string;
  readonly householdId: string;
}

export interface DemoDistrict {
  readonly registry: {
    district: { id: string; name: string; timeZone: string };
    streets: { id: string; name: string }[];
    communities: { id: string; name: string; streetId: string }[];
    grids: { id: string; name: string; communityId: string }[];
    buildings: { id: string; name: string; gridId: string }[];
    checkpoints: { id: string; name: string; gridId: string }[];
  };
  readonly residents: DemoResident[];
}

/** GB 11643 check character, so the demo ID numbers look like real ones to a validator. */
function idCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

export function demoDistrict(districtId: string, seed = 2020): DemoDistrict {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const prefix = districtId.slice(0, 3);
  const registry: DemoDistrict['registry'] = {
    district: { id: districtId, name: `${districtId[0]!.toUpperCase()}${districtId.slice(1)} District`, timeZone: 'Asia/Shanghai' },
    streets: [], communities: [], grids: [], buildings: [], checkpoints: [],
  };
  const residents: DemoResident[] = [];
  let community = 0;
  let person = 0;
  streetNames.forEach((streetName, s) => {
    const streetId = `${prefix}-s${s + 1}`;
    registry.streets.push({ id: streetId, name: streetName });
    const communities = s === 0 ? 4 : 3;
    for (let c = 0; c < communities; c++, community++) {
      const communityId = `${streetId}-c${c + 1}`;
      registry.communities.push({ id: communityId, name: `${communityWords[community % communityWords.length]} Community`, streetId });
      for (let g = 0; g < 4; g++) {
        const gridId = `${communityId}-g${g + 1}`;
        registry.grids.push({ id: gridId, name: `Grid ${g + 1}`, communityId });
        registry.checkpoints.push({ id: `${gridId}-north`, name: 'North gate', gridId }, { id: `${gridId}-south`, name: 'South gate', gridId });
        for (let b = 0; b < 5; b++) {
          const buildingId = `${gridId}-b${b + 1}`;
          registry.buildings.push({ id: buildingId, name: `Building ${b + 1}`, gridId });
          // ~64 households a grid: 12–13 per building, 1–4 residents each (mean ~2.15).
          const households = 12 + Math.floor(rnd() * 2);
          for (let h = 0; h < households; h++) {
            const householdId = `${buildingId}-h${h + 1}`;
            const draw = rnd();
            const size = draw < 0.3 ? 1 : draw < 0.7 ? 2 : draw < 0.9 ? 3 : 4;
            for (let r = 0; r < size; r++, person++) {
              const birth = `${1940 + Math.floor(rnd() * 70)}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
              const body = `420102${birth}${String(person % 1000).padStart(3, '0')}`;
              residents.push({
                idNumber: body + idCheck(body),
                name: pick(surnames) + pick(given),
                phone: `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
                buildingId,
                householdId,
              });
            }
          }
        }
      }
    }
  });
  return { registry, residents };
}
