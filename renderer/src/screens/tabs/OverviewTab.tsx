import { useState } from 'react';
import { COURSE_TYPE_LABELS, MODALITY_LABELS, PHASE_LABELS } from '../../../../shared/ipt/vocabulary.ts';
import type { Course } from '../../../../shared/schemas/course.ts';
import { Alert } from '../../components/Alert.tsx';
import { RiskList } from '../../components/RiskList.tsx';
import { CircleLegend, CircleView } from '../../components/CircleView.tsx';
import { formatDate, plural } from '../../format.ts';
import { errorText } from '../../ipt.ts';
import { useChannel } from '../../query.ts';
import { useAreaLabels } from '../../labels.tsx';
import type { ClientTab } from '../client-tab.ts';
import { SafetyPlanPanel, SafetyPlanScreen } from '../SafetyPlanScreen.tsx';

export function sessionLabel(course: Course): string {
  const { attended, planned } = course.progress;
  if (attended === 0) return `No sessions yet · ${planned} planned`;
  return `Session ${attended} of ${planned}`;
}

export function EndingPrompt({ course }: { course: Course }) {
  const prompt = course.progress.endingPrompt;
  if (!prompt || course.status !== 'open') return null;
  if (prompt.kind === 'raise-ending') {
    return (
      <Alert kind="info">
        {plural(prompt.remaining, { one: 'session remains', other: 'sessions remain' })} in the contract: a good time to talk about ending.
      </Alert>
    );
  }
  if (prompt.kind === 'contract-reached') return <Alert kind="info">The contracted sessions are complete. Agree the ending, or renegotiate the contract.</Alert>;
  return <Alert kind="info">This course has gone {plural(prompt.over, { one: 'session', other: 'sessions' })} past its contract. Renegotiate it, or plan the ending.</Alert>;
}

/** The client at a glance: current course, session N of M, phase, focus, goals and the circle. */
export function OverviewTab({ clientId, clientName, onGo }: { clientId: string; clientName: string; onGo: (tab: ClientTab) => void }) {
  const areaLabels = useAreaLabels();
  const overview = useChannel('clients.overview', { id: clientId });
  // The safety plan opens in place of the overview; `returned` puts focus back on its panel after.
  const [plan, setPlan] = useState<{ riskId: string | null } | null>(null);
  const [returned, setReturned] = useState(false);
  if (plan)
    return (
      <SafetyPlanScreen
        clientId={clientId}
        riskId={plan.riskId}
        onClose={() => {
          setPlan(null);
          setReturned(true);
        }}
      />
    );
  if (overview.error) return <Alert>{errorText(overview.error)}</Alert>;
  if (!overview.data) return <p aria-busy="true">Loading…</p>;
  const { course, goals, people, circle, openRisks, nextAppointment } = overview.data;

  return (
    <div className="overview">
      <RiskList risks={openRisks} onAssessed={() => void overview.refetch()} onSafetyPlan={(riskId) => setPlan({ riskId })} />
      <SafetyPlanPanel clientId={clientId} onOpen={() => setPlan({ riskId: null })} focus={returned} />
      <section aria-labelledby="ov-course">
        <h2 id="ov-course">Current course</h2>
        {course ? (
          <>
            <p className="big-line">
              <strong>{sessionLabel(course)}</strong> · {PHASE_LABELS[course.progress.phase]} · {COURSE_TYPE_LABELS[course.type]} course
              {course.status === 'closed' && ' (closed)'}
            </p>
            <dl>
              <dt>Primary problem area</dt>
              <dd>{course.primaryArea ? areaLabels[course.primaryArea.area] : 'Not chosen yet'}</dd>
              {course.secondaryArea && (
                <>
                  <dt>Secondary</dt>
                  <dd>{areaLabels[course.secondaryArea.area]}</dd>
                </>
              )}
              <dt>Contract</dt>
              <dd>
                From {formatDate(course.contract.startDate)} to {formatDate(course.plannedEndDate)}
              </dd>
              <dt>Next appointment</dt>
              <dd>
                {nextAppointment
                  ? `${formatDate(nextAppointment.date)}${nextAppointment.time ? ` at ${nextAppointment.time}` : ''}${nextAppointment.modality !== 'in_person' ? ` (${MODALITY_LABELS[nextAppointment.modality].toLowerCase()})` : ''}`
                  : 'None planned'}
              </dd>
            </dl>
            <EndingPrompt course={course} />
          </>
        ) : (
          <p>
            No course of treatment yet.{' '}
            <button type="button" className="link-button" onClick={() => onGo('course')}>
              Start a course
            </button>
          </p>
        )}
      </section>
      <section aria-labelledby="ov-goals">
        <h2 id="ov-goals">Goals</h2>
        {goals.length === 0 ? (
          <p className="muted">No goals recorded for this course.</p>
        ) : (
          <ul className="goal-list">
            {goals.map((g) => (
              <li key={g.seriesId}>
                <span>{g.label}</span>
                <span className="rating-pill">{g.latest ? `${g.latest.value}/10 on ${formatDate(g.latest.date)}` : 'Not rated yet'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ov-circle">
        <h2 id="ov-circle">Closeness circle</h2>
        {circle.placements.length === 0 ? (
          <p className="muted">
            Nobody is placed on the circle yet.{' '}
            <button type="button" className="link-button" onClick={() => onGo('circle')}>
              Open the circle
            </button>
          </p>
        ) : (
          <>
            <CircleView centreLabel={clientName} rings={circle.rings} people={people} placements={circle.placements} size={380} label={`Closeness circle of ${clientName}`} />
            <CircleLegend />
          </>
        )}
      </section>
    </div>
  );
}
