package cn.fazhi.annualreport.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The user id and password of an HTTP Basic {@code Authorization} header; never printed with the password. */
record BasicCredentials(String userId, String password) {

    /** Whether the request carries an {@code Authorization} header of the Basic scheme, well-formed or not. */
    static boolean present(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The credentials of the request; empty when there is no Basic header or it is malformed. */
    static Optional<BasicCredentials> of(HttpServletRequest request) {
        if (!present(request)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(request.getHeader("Authorization").substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[userId=" + userId + ", password=***]";
    }
}
