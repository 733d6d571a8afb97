import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { RequestHandler } from 'express';
import type { ApiLimitsConfig } from '../core/config/config';

/** The code of every limit violation: the operation is refused before anything runs. */
export const LIMIT_ERROR_CODE = 'GRAPHQL_VALIDATION_FAILED';

/** graphql-js's "Did you mean …?" endings (fields, arguments, types, enum values, inputs). */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * The request limits of the API, one set for both transports. HTTP (Apollo) and WebSocket
 * (graphql-ws) take their parse and validation steps from here, so an operation refused on one is
 * refused on the other.
 */
export interface ApiLimits {
  readonly config: ApiLimitsConfig;
  /** Outside production, introspection and "Did you mean …" help developers; in production both are off. */
  readonly hideSchemaDetails: boolean;
  /**
   * graphql-armor's depth, alias, cost and directive rules. Apollo adds its own no-introspection
   * rule from its `introspection` option; `validate` adds graphql-js's for the WebSocket.
   */
  readonly validationRules: readonly ValidationRule[];
  /**
   * Express middleware in front of Apollo: refuses a query over the token limit before it is
   * parsed. (graphql-armor's Apollo plugin throws from a hook that Apollo answers with a 500.)
   */
  readonly refuseTooManyTokens: RequestHandler;
  /** Parses under the token limit; throws a GraphQLError (syntax or limit) on bad input. */
  parse(source: string): DocumentNode;
  /** Every rule Apollo applies over HTTP: graphql-js's own, `validationRules`, introspection. */
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
  /** The last step of error formatting on both transports: drops schema hints in production. */
  redact(formatted: GraphQLFormattedError): GraphQLFormattedError;
}

/**
 * graphql-armor prefixes its messages with "Syntax Error:" although the query parsed; clients get
 * the plain message with the code of a validation failure and the name of the limit.
 */
function reportLimit(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
      extensions: { code: LIMIT_ERROR_CODE, limit },
    });
    if (context === null) throw refusal;
    context.reportError(refusal);
  };
}

function queryText(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const query = (payload as { query?: unknown }).query;
  return typeof query === 'string' ? query : undefined;
}

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function createApiLimits(config: ApiLimitsConfig, production: boolean): ApiLimits {
  const rejection = (limit: string) => ({
    onReject: [reportLimit(limit)],
    propagateOnRejection: false,
  });
  const tokenLimit = { n: config.maxTokens, ...rejection('maxTokens') };
  const armor = new ApolloArmor({
    // Suggestions are removed from every error below, not only from validation errors.
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: config.maxDepth, flattenFragments: true, ...rejection('maxDepth') },
    maxAliases: { n: config.maxAliases, ...rejection('maxAliases') },
    maxDirectives: { n: config.maxDirectives, ...rejection('maxDirectives') },
    // Fragments count where they are spread, not as a level of their own; a literal `first: n`
    // multiplies the cost of a connection by n (a variable is capped by MAX_PAGE_SIZE instead).
    costLimit: { maxCost: config.maxCost, flattenFragments: true, ...rejection('maxCost') },
  }).protect();

  const validationRules = armor.validationRules;
  const allRules = [
    ...specifiedRules,
    ...validationRules,
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];

  const parse = (source: string) => new MaxTokensParserWLexer(source, tokenLimit).parseDocument();

  return {
    config,
    hideSchemaDetails: production,
    validationRules,
    refuseTooManyTokens(req, res, next) {
      const source = queryText(req.method === 'GET' ? req.query : req.body);
      if (source === undefined) return next();
      try {
        parse(source);
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.limit !== undefined) {
          res.status(400).json({ errors: [error.toJSON()] });
          return;
        }
        // Syntax errors are Apollo's to report (GRAPHQL_PARSE_FAILED).
      }
      next();
    },
    parse,
    validate(schema, document) {
      return validate(schema, document, allRules);
    },
    redact(formatted) {
      if (!production || !formatted.message.includes('Did you mean')) return formatted;
      return { ...formatted, message: withoutSuggestions(formatted.message) };
    },
  };
}
