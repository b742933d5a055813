/**
 * The IAM writer of configured policies, alone in a module that configured-iam-policies.ts loads
 * with import(): importing the `@mlspace/aws` package itself dynamically would keep every one of
 * its modules (SageMaker, IAM, EMR, Translate, Bedrock clients) in the Lambda's cold start.
 */
export { configuredPoliciesWriter } from '@mlspace/aws';
