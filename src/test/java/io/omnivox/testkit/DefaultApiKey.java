package io.omnivox.testkit;

import java.util.List;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;

/**
 * Makes every REST Assured request of every {@code @QuarkusTest} send the test profile's admin key, unless the test
 * sets its own {@code Authorization} header, so tests written before authentication need no change. Registered once
 * for all tests in {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback} (and the
 * AfterEach one).
 *
 * <p>A Quarkus callback rather than a plain JUnit extension: Quarkus loads test classes, and so REST Assured's static
 * settings, in its own class loader; a JUnit extension would configure another copy of REST Assured. A filter rather
 * than a default request specification: a specification would also pin the port before Quarkus sets it.
 * Tests of authentication itself use {@link #withKey(String)} or {@link #withoutKey()}.
 */
public class DefaultApiKey implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    /** The admin key of the test profile: {@code %test.omnivox.auth.bootstrap-key} in application.properties. */
    public static final String TEST_ADMIN_KEY = "ovx_test-bootstrap-key-for-tests-only-0123456789";

    /** Adds the admin key to requests that carry no Authorization header of their own. */
    public static final class AddKeyFilter implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + TEST_ADMIN_KEY);
            }
            return context.next(request, response);
        }
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(AddKeyFilter.class::isInstance)) {
            RestAssured.filters(new AddKeyFilter());
        }
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        List<Filter> others = RestAssured.filters().stream().filter(f -> !(f instanceof AddKeyFilter)).toList();
        RestAssured.replaceFiltersWith(others);
    }

    /** A request sending {@code key} as its Bearer key instead of the default. */
    public static RequestSpecification withKey(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key);
    }

    /** A request without any Authorization header. */
    public static RequestSpecification withoutKey() {
        return RestAssured.given().noFiltersOfType(AddKeyFilter.class);
    }
}
