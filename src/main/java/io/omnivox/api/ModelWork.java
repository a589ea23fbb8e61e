package io.omnivox.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that runs model work of one {@link Work kind}: {@link WorkLimitFilter} holds a permit of
 * that kind from before the method runs until its response has ended (a streamed one included) or the client has gone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ModelWork {

    Work value();
}
