// URLs of the franchisee's deliveries. The survey page's address is in e-mailed invitations
// (domain/surveys/service.py survey_link): keep the two in step.
export const deliveriesPath = '/deliveries';
export const surveyPath = '/deliveries/:orderNumber/survey';

export function deliveriesUrl(): string {
  return deliveriesPath;
}

export function surveyUrl(orderNumber: string): string {
  return `/deliveries/${encodeURIComponent(orderNumber)}/survey`;
}
