/** The texts of the institution search island (ComplaintEnhancer, part "institution"), shared by the public form and the patrol form. */
import { t } from '../../i18n';

export const institutionSearchLabels = () => ({
  search: t('complaint.search'),
  hint: t('complaint.search.hint'),
  placeholder: t('complaint.search.placeholder'),
  chosen: t('complaint.search.chosen'),
  known: t('complaint.creditCode.known'),
  suggestions: t('search.suggestions'),
  count: t('search.suggestions_count'),
  none: t('search.no_suggestions'),
  black: t('lists.black'),
  white: t('lists.white'),
});
