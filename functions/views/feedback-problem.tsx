import { ui } from '../../site/i18n/ui.ts';
import { guideUrl } from '../../site/utils/urls.ts';

/** Body of the page answering a helpful-form post that could not be counted. */
export function FeedbackProblem({ message, slug }: { message: string; slug?: string }) {
  return (
    <div>
      <h1>{ui.usage.feedbackErrorTitle}</h1>
      <p>{message}</p>
      {slug ? (
        <p>
          <a href={guideUrl(slug)}>{ui.usage.backToGuide}</a>
        </p>
      ) : null}
    </div>
  );
}
