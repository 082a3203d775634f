// qc's own spec rules, loaded by redocly.yaml.
//
// operation-security-declared: hey-api's generated client only calls `auth` for operations whose
// spec declares `security`, so an operation without it silently goes out without a token. Every
// operation must declare `security` itself; an operation that takes no credentials says so with
// `security: []` AND `x-qc-public: true`, so "public" is always a deliberate decision.
//
// operation-4xx-or-default: every operation documents at least one error response.

function operationSecurityDeclared() {
  return {
    Operation(operation, { report, location }) {
      const isPublic = operation['x-qc-public'] === true;
      if (!('security' in operation)) {
        report({
          message: isPublic
            ? 'A public operation must still declare `security: []`.'
            : 'Operation must declare `security` (or `security: []` with `x-qc-public: true` when it takes no credentials).',
          location: location.key(),
        });
        return;
      }
      const empty =
        Array.isArray(operation.security) &&
        operation.security.every((req) => req && Object.keys(req).length === 0);
      if (empty && !isPublic) {
        report({
          message:
            'Operation declares no credentials (`security: []`) but is not marked `x-qc-public: true`.',
          location: location.child(['security']),
        });
      }
      if (!empty && isPublic) {
        report({
          message: 'Operation is marked `x-qc-public: true` but declares credentials in `security`.',
          location: location.child(['x-qc-public']),
        });
      }
    },
  };
}

function operationErrorResponse() {
  return {
    Operation(operation, { report, location }) {
      const codes = Object.keys(operation.responses ?? {});
      if (!codes.some((code) => code === 'default' || /^[45]/.test(code))) {
        report({
          message: 'Operation must document an error response (4XX, 5XX or default).',
          location: location.child(['responses']),
        });
      }
    },
  };
}

module.exports = function qcSpecRules() {
  return {
    id: 'qc',
    rules: {
      oas3: {
        'operation-security-declared': operationSecurityDeclared,
        'operation-4xx-or-default': operationErrorResponse,
      },
    },
  };
};
