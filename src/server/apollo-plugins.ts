import type { ApolloServerPlugin } from '@apollo/server';
import { isExpectedError } from '../core/errors/graphql-errors';
import type { GraphQLContext } from './context';

/** Names the operation in Neo4j transaction metadata once Apollo knows which one runs. */
export const operationNamePlugin: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ contextValue, operationName }) {
        contextValue.scope.operationName = operationName ?? 'anonymous';
        return Promise.resolve();
      },
    });
  },
};

/** Logs every unexpected error with its request id; the client only sees a masked message. */
export const errorLoggingPlugin: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart() {
    return Promise.resolve({
      didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          if (isExpectedError(error)) continue;
          contextValue.logger.error(
            { err: error.originalError ?? error, path: error.path, operationName },
            'unexpected error in GraphQL operation',
          );
        }
        return Promise.resolve();
      },
    });
  },
};

/**
 * Adds `extensions.diagnostics` so that tests can assert database round-trips per operation, and
 * see transactions that were retried after a transient error (e.g. a deadlock) without failing.
 */
/**
 * Writes the operation's audit entries (whose personal data it read or changed) before the
 * response leaves, so that no answer with personal data goes out unrecorded.
 */
export const auditPlugin: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart() {
    return Promise.resolve({
      async willSendResponse({ contextValue }) {
        await contextValue.audit.flush();
      },
    });
  },
};

export const diagnosticsPlugin: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return Promise.resolve();
        const result = response.body.singleResult;
        result.extensions = {
          ...result.extensions,
          diagnostics: {
            requestId: contextValue.requestId,
            dbRoundTrips: contextValue.scope.roundTrips.value,
            dbRetries: contextValue.scope.transactionRetries.value,
          },
        };
        return Promise.resolve();
      },
    });
  },
};
