package com.agentmarket.billing.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP server the deployed service sends its notifications to: one GreenMail for the whole run. */
final class MailServer {

    private static GreenMail server;

    private MailServer() {
    }

    static synchronized GreenMail mail() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(Integer.getInteger("e2e.smtp.port", 19025), "127.0.0.1",
                    ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
