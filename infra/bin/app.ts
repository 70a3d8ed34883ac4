import { App } from 'aws-cdk-lib';
import { addDistrict, districtIds } from './district-app.ts';

/** The only place that reads context: `cdk synth -c district=<id>` (or `all`). */
const app = new App();
const wanted = app.node.tryGetContext('district') as string | undefined;
const known = districtIds();
if (!wanted || (wanted !== 'all' && !known.includes(wanted))) {
  throw new Error(`pass -c district=<id> with one of: ${known.join(', ')}, or all`);
}
for (const id of wanted === 'all' ? known : [wanted]) addDistrict(app, id);
app.synth();
