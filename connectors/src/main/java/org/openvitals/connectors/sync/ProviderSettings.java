package org.openvitals.connectors.sync;

import java.net.URI;
import java.time.Duration;
import org.openvitals.connectors.oauth.OAuthConfig;

/** A provider's effective settings: its defaults with the user's overrides. */
public record ProviderSettings(
    ProviderInfo info,
    OAuthConfig oauth,
    URI apiUrl,
    int requestLimit,
    Duration requestWindow,
    Duration syncInterval,
    int historyDays) {}
