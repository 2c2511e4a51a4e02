"""Planning: transfers to resettlement prisons as plain data in and a plan with a reason per man out.

Nothing here touches Django; selectors build the inputs and services store the results.
"""
