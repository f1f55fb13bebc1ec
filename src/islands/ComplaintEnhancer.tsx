/**
 * Polish for the complaint form, never required by it (STYLE.md habit 2): the form is complete
 * and works without JavaScript. One island, mounted at each place of the form it improves; `part`
 * says which: search by name for the institution, a counter and category suggestion under the
 * description, an inline phone check, and a proof-of-work captcha that spares the arithmetic
 * question. Each part works on the server-rendered fields by their ids and imports nothing from
 * the server (only pure modules of src/domain).
 */
import CaptchaSolver, { type CaptchaLabels } from './complaint/CaptchaSolver';
import DescriptionHelper, { type DescriptionLabels } from './complaint/DescriptionHelper';
import InstitutionPicker, { type InstitutionLabels } from './complaint/InstitutionPicker';
import PhoneCheck from './complaint/PhoneCheck';

type Props =
  | { part: 'institution'; labels: InstitutionLabels }
  | { part: 'description'; min: number; max: number; labels: DescriptionLabels }
  | { part: 'phone'; message: string; prefix: string }
  | { part: 'captcha'; labels: CaptchaLabels };

export default function ComplaintEnhancer(props: Props) {
  switch (props.part) {
    case 'institution':
      return <InstitutionPicker labels={props.labels} />;
    case 'description':
      return <DescriptionHelper min={props.min} max={props.max} labels={props.labels} />;
    case 'phone':
      return <PhoneCheck message={props.message} prefix={props.prefix} />;
    case 'captcha':
      return <CaptchaSolver labels={props.labels} />;
  }
}
