# cmake -P helper: compiles SOURCE with -D${CASE}; passes when the result matches
# EXPECT ("ok", or a text that must appear in the compiler's error output).
execute_process(COMMAND ${COMPILER} -std=c++17 -fsyntax-only -fno-exceptions -fno-rtti -D${CASE}
                        -I${INCLUDES_CORE} -I${INCLUDES_HAL} -I${INCLUDES_PROTOCOL} ${SOURCE}
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "ok")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${CASE} should compile:\n${err}")
  endif()
elseif(result EQUAL 0)
  message(FATAL_ERROR "${CASE} compiled but must not")
else()
  string(FIND "${err}" "${EXPECT}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${CASE} failed for another reason than \"${EXPECT}\":\n${err}")
  endif()
endif()
