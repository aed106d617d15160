package dev.detour.simulator;

/** An HTML error page with an HTTP status, as a gateway in front of a provider sends. */
record HtmlPage(int status) implements Behaviour {

    static final int BAD_GATEWAY = 502;

    HtmlPage {
        HttpStatuses.check(status);
    }

    String html() {
        String title = status + " " + HttpStatuses.reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>gateway (simulated)</center>\r\n</body>\r\n</html>\r\n";
    }
}
