#pragma once
#include "net/api_failure.h"

#include <functional>
#include <variant>

namespace zeiko {

// A decoded reply or the reason there is none.
template<typename T> class ApiResult
{
public:
    ApiResult(T value) : m_value(std::move(value)) {}
    ApiResult(ApiFailure failure) : m_value(std::move(failure)) {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    const T &value() const { return std::get<T>(m_value); }
    const ApiFailure &failure() const { return std::get<ApiFailure>(m_value); }

private:
    std::variant<T, ApiFailure> m_value;
};

template<typename T> using ApiHandler = std::function<void(const ApiResult<T> &)>;

struct Done {};   // the result of a call that returns no body (204)

} // namespace zeiko
