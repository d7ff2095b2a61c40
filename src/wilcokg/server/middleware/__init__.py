"""What wraps every response: access log, HTTP validators and 304s, Link headers, error pages."""
