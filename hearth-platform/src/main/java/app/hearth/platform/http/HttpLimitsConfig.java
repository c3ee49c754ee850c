package app.hearth.platform.http;

import io.smallrye.config.ConfigMapping;

/** What the HTTP edge refuses before any resource runs ({@code hearth.http.*}; values in the shared properties). */
@ConfigMapping(prefix = "hearth.http")
public interface HttpLimitsConfig {

    /** A body announced as larger is a 413 before it is read ({@link BodySizeLimit}). */
    long maxBodyBytes();

    /** A longer request line is a 414 ({@link HttpEdgeGuard}). */
    int maxUriLength();

    /** More header bytes is a 431 ({@link HttpEdgeGuard}). */
    int maxHeaderBytes();
}
