import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';

/**
 * The state changes that keep resource status fresh without polling: exactly those the events
 * job reads (packages/aws/src/events, `sagemakerStateChangeTypes`; a synth test keeps the two
 * equal). Translate job state changes join with their record kind.
 */
export const stateChangeDetailTypes = [
  'SageMaker Notebook Instance State Change',
  'SageMaker Training Job State Change',
  'SageMaker HyperParameter Tuning Job State Change',
  'SageMaker Transform Job State Change',
  'SageMaker Model State Change',
  'SageMaker Endpoint State Change',
  'SageMaker Endpoint Config State Change',
  'SageMaker Ground Truth Labeling Job State Change',
  'EMR Cluster State Change',
];

export interface SchedulingProps {
  naming: Naming;
  sweep: LambdaFunction;
  events: LambdaFunction;
}

/** EventBridge: status events to the events job, and the sweep schedule. */
export class Scheduling extends Construct {
  constructor(scope: Construct, id: string, { naming, sweep, events }: SchedulingProps) {
    super(scope, id);
    const minutes = naming.config.sweepRateMinutes;
    const stateChanges = new CloudwatchEventRule(this, 'state-changes', {
      name: naming.name('state-changes'),
      description: 'SageMaker state changes to the MLSpace events job',
      eventPattern: JSON.stringify({
        source: ['aws.sagemaker', 'aws.emr'],
        'detail-type': stateChangeDetailTypes,
      }),
    });
    const schedule = new CloudwatchEventRule(this, 'sweep', {
      name: naming.name('sweep'),
      description: 'Stops and terminates MLSpace resources past their schedule',
      scheduleExpression: `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
    });
    this.target('state-changes', stateChanges, events);
    this.target('sweep', schedule, sweep);
  }

  private target(id: string, rule: CloudwatchEventRule, fn: LambdaFunction): void {
    new CloudwatchEventTarget(this, `${id}-target`, { rule: rule.name, arn: fn.arn, targetId: id });
    new LambdaPermission(this, `${id}-invoke`, {
      statementId: `AllowEventBridge-${id}`,
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
  }
}
