export interface Volunteer {
  readonly volunteerId: string;
  readonly nameMasked: string;
  readonly phoneMasked: string;
  readonly roles: readonly string[];
  readonly gridIds: readonly string[];
  readonly onDuty: boolean;
  readonly capacity: number;
  /** Ids of the deliveries assigned to or picked up by this volunteer: capacity is checked against them. */
  readonly tasks: readonly string[];
  /** When each of `tasks` was taken, in the same order: how old a half-made assignment is. */
  readonly takenAt?: readonly string[];
  readonly version: number;
}

export type VolunteerProfile = Omit<Volunteer, 'tasks' | 'takenAt' | 'version'>;

export interface VolunteerPort {
  get(volunteerId: string): Promise<Volunteer | undefined>;
  ofGrid(gridId: string): Promise<Volunteer[]>;
  /** Writes the profile, keeping the tasks, if nobody changed it since `previous` was read. */
  saveProfile(profile: VolunteerProfile, previous: Volunteer | undefined): Promise<boolean>;
  /** Takes a task if on duty, serving the grid and below capacity (atomically); else false. */
  takeTask(volunteerId: string, gridId: string, deliveryId: string): Promise<boolean>;
  dropTasks(volunteerId: string, deliveryIds: readonly string[]): Promise<void>;
}
