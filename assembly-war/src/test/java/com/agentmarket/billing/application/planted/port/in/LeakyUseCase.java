package com.agentmarket.billing.application.planted.port.in;

import com.agentmarket.billing.application.usage.port.out.UsageReport;

/** A planted violation: an inbound port whose signature shows an outbound port's type. Test code only. */
public interface LeakyUseCase {

    UsageReport lastReport();
}
