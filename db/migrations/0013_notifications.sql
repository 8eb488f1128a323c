-- Reserved for notifications; replaced by its tables when they land.
SELECT 1;
