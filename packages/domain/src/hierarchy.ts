/** City › district › street › community › grid › building › household › resident (DESIGN.md). */
export type Level = 'grid' | 'community' | 'street' | 'district';

export interface District {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
}
export interface Street { readonly id: string; readonly name: string }
export interface Community { readonly id: string; readonly name: string; readonly streetId: string }
export interface Grid { readonly id: string; readonly name: string; readonly communityId: string }
export interface Building { readonly id: string; readonly name: string; readonly gridId: string }
export interface Checkpoint { readonly id: string; readonly name: string; readonly gridId: string }
