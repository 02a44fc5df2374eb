package org.openvitals.connectors.oauth;

import java.net.URI;

/**
 * What the browser dance yields: the code, and the redirect URI and PKCE verifier the token request
 * must repeat.
 *
 * @param verifier the PKCE verifier, or null when the provider is configured without PKCE
 */
public record AuthorizationCode(String code, URI redirectUri, String verifier) {}
