// What the survey form shows of an answered survey.
import { graphql } from '../../../graphql/generated';

export const SurveyFormFragment = graphql(`
  fragment SurveyForm_survey on Survey {
    answered
    answeredAt
    overall
    pickAccuracy
    timeliness
    goodsQuality
    valueForMoney
    comment
  }
`);
