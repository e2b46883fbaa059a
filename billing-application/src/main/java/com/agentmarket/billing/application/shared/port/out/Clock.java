package com.agentmarket.billing.application.shared.port.out;

import java.time.Instant;

/** Where "now" comes from. The domain never reads the clock itself; use cases pass the instant in. */
public interface Clock {

    Instant now();
}
