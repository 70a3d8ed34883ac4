/** A small district hierarchy for tests: 1 street, 2 communities, 3 grids, buildings and gates. */
export const smallRegistry = {
  district: { id: 'demo', name: 'Demo District', timeZone: 'Asia/Shanghai' },
  streets: [{ id: 's1', name: 'Zhongshan Road' }],
  communities: [
    { id: 'c1', name: 'Lotus Community', streetId: 's1' },
    { id: 'c2', name: 'Maple Community', streetId: 's1' },
  ],
  grids: [
    { id: 'g1', name: 'Grid 1', communityId: 'c1' },
    { id: 'g2', name: 'Grid 2', communityId: 'c1' },
    { id: 'g3', name: 'Grid 3', communityId: 'c2' },
  ],
  buildings: [
    { id: 'b1', name: 'Building 1', gridId: 'g1' },
    { id: 'b2', name: 'Building 2', gridId: 'g2' },
    { id: 'b3', name: 'Building 3', gridId: 'g3' },
  ],
  checkpoints: [
    { id: 'cp1', name: 'North gate', gridId: 'g1' },
    { id: 'cp2', name: 'South gate', gridId: 'g2' },
    { id: 'cp3', name: 'East gate', gridId: 'g3' },
  ],
};

let counter = 0;
/** A resident with a fresh, valid-looking ID number and phone, for building `buildingId`. */
export function newResident(buildingId = 'b1', householdId = `${buildingId}-h1`) {
  counter++;
  const serial = String(Date.now() % 1e6).padStart(6, '0') + String(counter).padStart(4, '0');
  return {
    idNumber: `4201021990${serial.slice(-7)}X`,
    name: '张三丰',
    phone: `139${serial.slice(-8)}`,
    buildingId,
    householdId,
  };
}
