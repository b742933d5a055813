// Brings the `inject('dynamoDbEndpoint')` typing of the shared global setup into this program.
import type {} from './testing/dynamodb-global-setup';
