/**
 * The application layer: one use case per file, grouped by capability, each taking the ports it
 * needs (`DistrictPorts`, built once per container by the adapters' runtime) and calling the
 * domain's pure rules. Handlers parse, name their targets and call one of these.
 */
export * from './district.ts';
export * from './intake/checkpoints.ts';
export * from './intake/admit-scans.ts';
export * from './intake/spend-outings.ts';
export * from './intake/record-scans.ts';
export * from './residents/find-resident.ts';
export * from './residents/register-resident.ts';
export * from './residents/view-resident.ts';
export * from './residents/issue-code.ts';
export * from './residents/household-view.ts';
export * from './residents/household-needs.ts';
export * from './care/urgent-requests.ts';
export * from './care/recurring-requests.ts';
export * from './residents/code-keys.ts';
export * from './client-ids.ts';
export * from './cases/apply-case-to-person.ts';
export * from './cases/report-case.ts';
export * from './cases/release-case.ts';
export * from './deliveries/delivery-view.ts';
export * from './deliveries/find-delivery.ts';
export * from './deliveries/change-delivery.ts';
export * from './deliveries/repair-tasks.ts';
export * from './deliveries/dispatch-grid.ts';
export * from './deliveries/request-delivery.ts';
export * from './deliveries/place-group-buy.ts';
export * from './deliveries/update-volunteer.ts';
export * from './deliveries/set-volunteer-duty.ts';
export * from './deliveries/record-delivery-event.ts';
export * from './deliveries/list-deliveries.ts';
export * from './deliveries/volunteer-tasks.ts';
export * from './grid-logs/record-grid-log.ts';
export * from './grid-logs/reopen-grid-day.ts';
export * from './grid-logs/log-day-state.ts';
export * from './registry/upload-registry.ts';
export * from './closing/close-day.ts';
export * from './closing/close-district-day.ts';
export * from './closing/close-recent-days.ts';
export * from './closing/close-runs.ts';
export * from './reporting/read-grid-days.ts';
export * from './reporting/unit-report.ts';
export * from './reporting/report-series.ts';
export * from './reporting/epidemic-free.ts';
export * from './reporting/care-report.ts';
export * from './reporting/work-lists/work-list-audience.ts';
export * from './reporting/work-lists/fever-follow-ups.ts';
export * from './reporting/work-lists/open-cases.ts';
export * from './reporting/work-lists/unreported-grids.ts';
export * from './city/city.ts';
export * from './city/receive-district-day.ts';
export * from './city/city-series.ts';
export * from './city/city-day-report.ts';
