// The survey's factors (domain/surveys: overall and the four the brief names), each 1 to 5.
export const FACTORS = ['overall', 'pickAccuracy', 'timeliness', 'goodsQuality', 'valueForMoney'] as const;
export type Factor = (typeof FACTORS)[number];
export type SurveyValues = Record<Factor, number> & { comment: string };
